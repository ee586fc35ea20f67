# sm58: conformance case 1068, hashes, A/B and PyTorch of the final jar (FIN) against main's
# (FIN: this branch's jar; /tmp/case1068.json: case 1068 alone, taken from conv_large.json with its format and generator keys)
cd /work/wt/sm58; . bench/sm58/shapes.sh; R=bench/sm58/raw; FIN=/tmp/sm58-final.jar
{ for j in "$FIN" "$MAIN"; do for v in vector scalar; do
  if [ $v = vector ]; then java --add-modules jdk.incubator.vector -jar $j compute /tmp/case1068.json --out /tmp/r1068.json 2>/dev/null; else java -jar $j compute /tmp/case1068.json --out /tmp/r1068.json 2>/dev/null; fi
  echo "$j $v: $(/usr/bin/python3 tools/check_results.py /tmp/case1068.json /tmp/r1068.json | tail -1)"; done; done; } > $R/conformance-1068.txt 2>&1
for T in 1 2; do for j in $MAIN $FIN; do echo "# $j T=$T"; bash bench/s2b48/hash.sh $j $T $FOCUS $NINE $HELD8 $FEW8; done; done > $R/hash.txt 2>&1
W=h55-c3-12:32:64:12:64:3:1
bash bench/sm55/abx.sh $MAIN $FIN 1 fwd 2 30 $W h57-c3-8:32:64:8:64:3:1 ho8-48img:48:32:8:48:3:1 ho8-64img:64:96:8:64:3:1 ho8-40img:40:48:8:96:3:1 > $R/ab-final-fwd-1t.txt
bash bench/sm55/abx.sh $MAIN $FIN 1 scatter 2 30 $W h57-c3-8:32:64:8:64:3:1 ho8-48img:48:32:8:48:3:1 ho8-64img:64:96:8:64:3:1 ho8-40img:40:48:8:96:3:1 > $R/ab-final-scatter-1t.txt
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/r1x49/torch_pass_cpu.py 1 20 h57-c3-8:32:64:8:64:3:1 ho8-48img:48:32:8:48:3:1 ho8-64img:64:96:8:64:3:1 ho8-40img:40:48:8:96:3:1 $FOCUS > $R/torch-1t.txt 2>&1
bash bench/sm55/abx.sh $MAIN $FIN 2 fwd 2 30 $W h57-c3-8:32:64:8:64:3:1 ho8-48img:48:32:8:48:3:1 > $R/ab-final-fwd-2t.txt
bash bench/sm55/abx.sh $MAIN $FIN 2 scatter 2 30 $W h57-c3-8:32:64:8:64:3:1 ho8-48img:48:32:8:48:3:1 > $R/ab-final-scatter-2t.txt
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/r1x49/torch_pass_cpu.py 2 20 h57-c3-8:32:64:8:64:3:1 ho8-48img:48:32:8:48:3:1 > $R/torch-2t.txt 2>&1
echo done $(date -u)

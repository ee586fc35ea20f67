#!/bin/bash
# fastest.sh AB_OUTPUT: the fastest reading per shape and side of an ab.sh output, and main/after: at 1 thread the
# calling thread's CPU (ms), at 2 threads (lines with "max") the busiest thread's CPU of the wall-fastest call
awk '$3=="before"||$3=="after"{k=$5; v=$7; for(i=1;i<NF;i++) if($i=="max"){v=$(i+1); sub(/\)/,"",v)}
  if(!((k,$3) in m)||v+0<m[k,$3])m[k,$3]=v+0; if(!(k in seen)){seen[k]=1; order[++n]=k}}
END{printf "%-26s %8s %8s %6s\n","shape","main","after","main/after"; for(i=1;i<=n;i++){k=order[i]; printf "%-26s %8.3f %8.3f %6.2fx\n",k,m[k,"before"],m[k,"after"],m[k,"before"]/m[k,"after"]}}' "$1"

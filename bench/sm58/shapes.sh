# sm58's shapes (id:N:Cin:HW:Cout:K:padding): the focus small-plane 3x3 shapes and held-out 7-8 planes
FOCUS="h57-c3-8:32:64:8:64:3:1 h55-c3-10:24:48:10:80:3:1 h54-c3-9:32:56:9:56:3:1 h55-c3-12:32:64:12:64:3:1"
NINE="h53-c3-11:32:40:11:72:3:1"
HELD8="ho8-48img:48:32:8:48:3:1 ho8-128:32:128:8:128:3:1 ho8-64img:64:96:8:64:3:1 ho8-40img:40:48:8:96:3:1"
HELD7="ho7-64:32:64:7:64:3:1 ho7-48to96:64:48:7:96:3:1"
MAIN=/work/wt/before-main58/convkit-cli/target/convkit.jar
FEW8="ho8-16img:16:64:8:64:3:1 ho8-8img:8:64:8:96:3:1"
EXP=/tmp/sm58-exp.jar
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java

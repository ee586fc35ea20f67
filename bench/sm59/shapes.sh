# sm59's shapes (id:N:Cin:HW:Cout:K:padding): the focus small-plane 3x3 shapes (bench/focus-58.json) and held-out
# small planes (7-16 a side, 16-128 channels, 8-64 images), chosen before any reading of this branch
FOCUS="h55-c3-10:24:48:10:80:3:1 h58-c3-10:16:64:10:96:3:1 h54-c3-9:32:56:9:56:3:1 h53-c3-11:32:40:11:72:3:1 h56-c3-13:24:40:13:64:3:1"
MORE="h57-c3-8:32:64:8:64:3:1 h55-c3-12:32:64:12:64:3:1 h58-c3-12:24:40:12:80:3:1 h50-13:32:48:13:96:3:1"
HELD="ho59-9-64img:64:32:9:48:3:1 ho59-10-8img:8:128:10:128:3:1 ho59-11-48img:48:96:11:64:3:1 ho59-12-16img:16:48:12:112:3:1 ho59-7-64img:64:64:7:64:3:1 ho59-14-32img:32:24:14:40:3:1 ho59-16-12img:12:80:16:96:3:1"
MAIN=/work/wt/before-main59/convkit-cli/target/convkit.jar
EXP=/tmp/sm59-exp.jar
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java

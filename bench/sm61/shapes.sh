# sm61: focus small-plane 3×3 shapes (bench/focus-60.json), neighbours, and held-out shapes chosen at 20:26 UTC
# before any reading (7-16 a side, 16-128 channels, 8-64 images; strip counts 4-18 of F(4×4)'s 32-tile strips)
FOCUS="h59-c3-9:16:64:9:96:3:1 h58-c3-10:16:64:10:96:3:1 h55-c3-10:24:48:10:80:3:1 h54-c3-9:32:56:9:56:3:1 h54-c3-15:16:24:15:120:3:1 h53-c3-11:32:40:11:72:3:1 h60-c3-10:32:40:10:64:3:1 h50-13:32:48:13:96:3:1 h58-c3-12:24:40:12:80:3:1 h55-c3-12:32:64:12:64:3:1 r3x3-14:8:256:14:256:3:1"
NEIGH="h57-c3-8:32:64:8:64:3:1 h56-c3-13:24:40:13:64:3:1 h60-c3-14:16:72:14:72:3:1"
HELD="ho61-11-20img:20:56:11:72:3:1 ho61-7-48img:48:40:7:40:3:1 ho61-16-12img:12:64:16:80:3:1 ho61-10-56img:56:24:10:32:3:1 ho61-13-8img:8:112:13:128:3:1 ho61-9-64img:64:16:9:24:3:1 ho61-12-16img:16:72:12:88:3:1 ho60-14-28img:28:40:14:56:3:1"
MAIN=/work/wt/before-main61/convkit-cli/target/convkit.jar

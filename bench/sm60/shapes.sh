# sm60: focus small-plane 3×3 shapes (bench/focus-59.json) and held-out ones chosen at 17:16 UTC before any reading
FOCUS="h59-c3-9:16:64:9:96:3:1 h58-c3-10:16:64:10:96:3:1 h55-c3-10:24:48:10:80:3:1 h54-c3-9:32:56:9:56:3:1"
MORE="h53-c3-11:32:40:11:72:3:1 h55-c3-12:32:64:12:64:3:1 h58-c3-12:24:40:12:80:3:1 h59-c3-11:24:56:11:72:3:1"
NEIGH="h57-c3-8:32:64:8:64:3:1 h56-c3-13:24:40:13:64:3:1 h54-c3-15:16:24:15:120:3:1"
HELD="ho60-9-24img:24:48:9:64:3:1 ho60-10-40img:40:32:10:48:3:1 ho60-11-12img:12:96:11:112:3:1 ho60-12-20img:20:64:12:64:3:1 ho60-13-8img:8:128:13:96:3:1 ho60-14-28img:28:40:14:56:3:1 ho60-16-10img:10:72:16:88:3:1 ho60-8-48img:48:32:8:48:3:1"
MAIN=/work/wt/before-main60/convkit-cli/target/convkit.jar
THIS=/work/wt/sm60/convkit-cli/target/convkit.jar

#!/bin/bash
/tmp/t16p56/sw.sh /tmp/t16p56/warm2.jar "t16p56-v2 r1"
/tmp/t16p56/sw.sh /tmp/t16p56/main.jar "main r3"

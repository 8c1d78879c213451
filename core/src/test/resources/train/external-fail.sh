#!/bin/bash
# A failing external trainer: 30 lines of output, then exit code 3.
for i in $(seq 1 30); do echo "step $i"; done
echo "out of memory" >&2
exit 3

#!/bin/bash
# An external trainer that succeeds but writes no model file.
echo '{"accuracy": 1.0}' > "$MLSTAGES_OUTPUT_DIR/metrics.json"

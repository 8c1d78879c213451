#!/bin/bash
# A stand-in external trainer: it checks what mlstages hands it, "trains" a majority-class model and reports it.
set -eu
echo "data=$MLSTAGES_TRAIN_DATA"
echo "target=$MLSTAGES_TARGET task=$MLSTAGES_TASK seed=$MLSTAGES_SEED"
echo "classes=$MLSTAGES_CLASSES"
echo "hyperparameters=$MLSTAGES_HYPERPARAMETERS"
echo "args=$#:$*"
echo "a warning on stderr" >&2
column=$(head -1 "$MLSTAGES_TRAIN_DATA" | tr ',' '\n' | grep -n "^$MLSTAGES_TARGET\$" | cut -d: -f1)
majority=$(tail -n +2 "$MLSTAGES_TRAIN_DATA" | cut -d, -f"$column" | sort | uniq -c | sort -rn | head -1 | awk '{print $2}')
echo "{\"predict\": \"$majority\"}" > "$MLSTAGES_OUTPUT_DIR/model.json"
echo '{"holdout": {"accuracy": 0.7}, "trainingSeconds": 0.01}' > "$MLSTAGES_OUTPUT_DIR/metrics.json"

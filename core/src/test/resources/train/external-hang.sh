#!/bin/bash
# A hanging external trainer: it starts a child that would outlive it, records the child's PID, and waits.
sleep 300 &
echo $! > child.pid
echo "started $!"
wait

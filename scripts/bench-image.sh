#!/bin/bash
# Times an image of the server from `docker run` to the first 200 on /health: a first start on an empty volume,
# then three more on the same volume, each with its memory 10 s later. Usage: scripts/bench-image.sh [IMAGE]
set -u
v=hlr-imgbench-$$
docker volume create --label homelabarr.test=true $v >/dev/null
g=$(stat -c %g /var/run/docker.sock)
for run in 1 2 3 4; do
  name=hlr-imgbench-$$-$run
  t0=$(date +%s.%N)
  docker run -d --name $name --label homelabarr.test=true -p 127.0.0.1:18092:8092 -v $v:/data \
    -v /var/run/docker.sock:/var/run/docker.sock --group-add $g "${1:-homelabarr:it}" >/dev/null
  until curl -fs -m 2 -o /dev/null http://127.0.0.1:18092/health; do sleep 0.05; done
  t1=$(date +%s.%N)
  sleep 10
  rss=$(docker stats --no-stream --format '{{.MemUsage}}' $name)
  echo "run $run: $(echo "$t1 - $t0" | bc) s to first 200 /health; memory 10 s later: $rss"
  docker rm -f $name >/dev/null
done
docker volume rm $v >/dev/null

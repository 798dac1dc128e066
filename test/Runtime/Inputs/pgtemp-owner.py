"""pgtemp-owner.py TOOL OUT

An owner of a utils/pgtemp.py server that forks, as lit does, and is then
killed outright; for pgtemp.test. Writes to OUT, one per line:

- the server's directory;
- whether the server still answers after the forked child called stop()
  (only the process that started the server stops it);
- from the child, which outlives the owner: whether the server was removed
  while the child still lived (the child let go of its copy of the tool's
  stdin pipe, so the owner's death alone closed it).
"""

import os
import signal
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..', '..', '..', 'utils'))
import pgtemp  # noqa: E402

tool, out_path = sys.argv[1:]
out = open(out_path, 'w', buffering=1)
server = pgtemp.TempPostgres(tool).start()
directory = server.dir
out.write('dir %s\n' % directory)

stopped_r, stopped_w = os.pipe()
if os.fork() == 0:
    os.close(stopped_r)
    server.stop()
    os.write(stopped_w, b'x')
    os.close(stopped_w)
    for _ in range(300):   # 30 seconds at most
        if not os.path.exists(directory):
            out.write('child: removed while the child lives\n')
            break
        time.sleep(0.1)
    else:
        out.write('child: still there after 30 seconds\n')
    out.close()
    os._exit(0)

os.close(stopped_w)
os.read(stopped_r, 1)
out.write('owner: answers after the child stop()ped: %s\n'
          % server.sql('postgres', 'select 1'))
os.kill(os.getpid(), signal.SIGKILL)

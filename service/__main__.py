import sys

from service.cli import main

sys.exit(main(prog="python -m service"))

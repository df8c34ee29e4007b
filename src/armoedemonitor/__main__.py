"""`python -m armoedemonitor`: the same command line where the `armoedemonitor` script is
not on the PATH (a locked-down workstation such as CBS Remote Access)."""

from armoedemonitor.cli import main

main()

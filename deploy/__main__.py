import sys

from deploy.supervisor import main

sys.exit(main())

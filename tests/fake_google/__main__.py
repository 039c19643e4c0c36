"""``python -m tests.fake_google --port 8765``: run the fake standalone until Ctrl-C."""
from __future__ import annotations

import argparse
import time

from .server import FakeGoogle


def main() -> None:
    parser = argparse.ArgumentParser(description="Fake Google Workspace (Sheets, Drive, Docs, "
                                                 "Forms) on loopback")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    fake = FakeGoogle.start(port=args.port, host=args.host, seed=args.seed)
    print(fake.url, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        fake.stop()


if __name__ == "__main__":
    main()

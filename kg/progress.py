"""Progress of a long build: a bar with articles/s and ETA on a terminal, plain lines elsewhere."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """`tick()` once per article. On a terminal a tqdm bar; otherwise a line every `every` seconds."""

    def __init__(self, total: int, *, enabled: bool = True, stream: TextIO | None = None, every: float = 10.0):
        self.total, self.done, self.every = total, 0, every
        self.stream = stream or sys.stderr
        self.start = self.last = time.monotonic()
        self.bar = None
        self.enabled = enabled
        if enabled and self.stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="article", file=self.stream, dynamic_ncols=True, leave=False)

    def tick(self, n: int = 1) -> None:
        self.done += n
        if self.bar is not None:
            self.bar.update(n)
        elif self.enabled and (now := time.monotonic()) - self.last >= self.every:
            self.last = now
            print(self.line(), file=self.stream, flush=True)

    def write(self, line: str) -> None:
        """Print a result line without breaking the bar."""
        if self.bar is not None:
            self.bar.write(line)
        else:
            print(line, flush=True)

    def stage(self, text: str) -> None:
        """Say what a long step after the articles is doing (writing the merged graph …)."""
        if self.enabled:
            print(f"kg: {text}", file=self.stream, flush=True)

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.start, 1e-9)
        rate = self.done / elapsed
        eta = (self.total - self.done) / rate if rate else float("inf")
        return f"kg: {self.done}/{self.total} articles, {rate:.1f} articles/s, ETA {eta:.0f} s"

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()

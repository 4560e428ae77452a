"""What the Python benchmarks share: the processor they ran on, which every
figure is printed beside (a figure from one CPU family does not carry to
another)."""

import platform


def cpu_model() -> str:
    """The processor's model as /proc/cpuinfo names it, else what the platform says."""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"

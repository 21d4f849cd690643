"""Developer tools: demonstration-data generators and benchmarks (not part of the build)."""

"""The benchmark (`run`) and the synthetic newsroom-scale data it measures (`synthetic`).

Imports: anything; nothing imports it but the command line."""

"""The benchmark (`run`), the synthetic newsroom-scale data it measures (`synthetic`), the page
sizes (`pagesize`) and the heaviest person and country of issue 14, photographed (`heavy`).

Imports: anything; nothing imports it but the command line."""

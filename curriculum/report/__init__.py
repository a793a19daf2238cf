"""What the commands print: findings, the coverage matrix, the rule
reference and the JSON Schema of the source format."""

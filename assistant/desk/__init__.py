"""The supervisor's desk: findings with identity and disposition, batches, what goes back to the body.

Modules: `fingerprint` (stable finding identity), `dispositions` (decisions and the reviews JSON
file), `store` (decisions in the app's SQLite database, per organisation), `batch` (parallel audit,
zips, duplicates), `opinion` (审核意见 docx), `workbook` (xlsx), `recheck`, `levels`, `years`,
`coverage`.
"""

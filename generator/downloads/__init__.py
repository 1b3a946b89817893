"""The data behind the site as downloads (`export`: every file by its path): Popolo JSON written
(`popolo`) and read back (`popolo_read`), the CSV tables (`tables`) with cells a spreadsheet
cannot run (`cells`), and the Data page that documents them (`datapage`).

Imports: `data`, `model`, `render`, `languages`, and `feeds` (its neighbour) for what the Data
page says of the feeds."""

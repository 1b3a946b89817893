"""Following and reusing the record from elsewhere: an Atom feed per language of the latest
visits, site-wide and per person, country and relation (`atom`), and a small standalone card
per person and per visit for other sites' iframes (`cards`); `files` says which of each the
site gets and where, as files of each language's docs tree that MkDocs copies as they are;
`links` makes the URLs in them, `text` the words they share.

Where they live in a docs tree is `render.urls` (`feed_of`, `card_of`): the MkDocs hook links
a page's head to its feed from there, without the data.

Imports: `data`, `model`, `render`, `languages`, `parallel`."""

"""What the API, the library and the CLI do with the store: capture a
highlight, hatch, import, export, log in. One module per job; they never
import each other, so each reads on its own."""

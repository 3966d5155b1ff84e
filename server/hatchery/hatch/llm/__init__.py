"""The language-model engine: a model server the person runs (Ollama,
llama.cpp's server, LM Studio, vLLM) or a hosted OpenAI-compatible one
writes the hatch from numbered sources, and the server checks every
citation and quotation before the hatch is kept.

    options.py     the settings (URL, model, key, timeouts, budget, fallback)
    cancel.py      the token that stops a model call
    errors.py      what can go wrong, in messages a person can act on
    protocol.py    chat completions and Ollama's /api/chat, request and chunks
    client.py      the HTTP call, streaming or not, with bounded retries
    fetch.py       small JSON GETs to a model server
    discover.py    which model servers answer on this machine, and their models
    context.py     the context size the server really gives the model
    items.py       the numbered items the model is given
    pack.py        fits the highlights and their context into the budget
    prompt.py      the versioned prompt (JSON or Markdown answer)
    structured.py  the answer's JSON schema, reading it, the streamed draft
    parse.py       a Markdown answer -> parts and sentences
    verify.py      one verifier for both: rules a copied prompt cannot pass
    engine.py      all of the above, and the fallback to the local engine
"""

from .cancel import CancelToken
from .errors import Cancelled, LLMError
from .options import LLMOptions, options_from_config

__all__ = ["CancelToken", "Cancelled", "LLMError", "LLMOptions", "options_from_config"]

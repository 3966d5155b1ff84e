"""The language-model engine: any OpenAI-compatible chat-completions
endpoint (Ollama, llama.cpp's server, LM Studio, vLLM, OpenAI) writes the
hatch from numbered sources, and the server checks every citation and
quotation before the hatch is kept.

    options.py  the settings (URL, model, key, timeouts, budget, fallback)
    cancel.py   the token that stops a model call
    client.py   the HTTP call, streaming or not, with bounded retries
    items.py    the numbered items the model is shown
    pack.py     fits the highlights and their context into the budget
    prompt.py   the versioned prompt
    parse.py    the model's Markdown answer -> parts and sentences
    verify.py   drops uncited sentences, flags unfound quotations
    engine.py   all of the above, and the fallback to the local engine
"""

from .cancel import CancelToken
from .client import Cancelled, LLMError
from .options import LLMOptions, options_from_config

__all__ = ["CancelToken", "Cancelled", "LLMError", "LLMOptions", "options_from_config"]

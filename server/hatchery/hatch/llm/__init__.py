"""The language-model engine: any OpenAI-compatible chat-completions
endpoint (Ollama, llama.cpp's server, LM Studio, vLLM, OpenAI) writes the
hatch from numbered sources, and the server checks every citation and
quotation before the hatch is kept.

    options.py  the settings (URL, model, key, timeouts, budget, fallback)
    client.py   the HTTP call, streaming or not, with bounded retries
    pack.py     fits the highlights and their context into the budget
    prompt.py   the versioned prompt
    parse.py    the model's Markdown answer -> parts and sentences
    verify.py   drops uncited sentences, flags unfound quotations
    engine.py   all of the above, and the fallback to the local engine
"""

from .client import Cancelled, CancelToken, LLMError
from .options import LLMOptions, options_from_config

__all__ = ["CancelToken", "Cancelled", "LLMError", "LLMOptions", "options_from_config"]

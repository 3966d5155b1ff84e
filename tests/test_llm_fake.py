"""The fake model used by the LLM tests speaks chat completions, so a
failure elsewhere is about Hatchery, not the fake."""

import json

import requests


def test_the_fake_speaks_chat_completions(fake_llm):
    prompt = '## Source 1: Tides\n<https://x.example>\n[1] Highlight: "The Moon pulls the sea"\n'
    body = {"model": "m", "messages": [{"role": "user", "content": prompt}]}
    answer = requests.post(fake_llm.url + "/chat/completions", json=body, timeout=5).json()
    assert '"The Moon pulls the sea" and the person kept it [1].' in \
        answer["choices"][0]["message"]["content"]
    with requests.post(fake_llm.url + "/chat/completions", json={**body, "stream": True},
                       stream=True, timeout=5) as response:
        lines = [line for line in response.iter_lines() if line]
    assert lines[-1] == b"data: [DONE]"
    assert json.loads(lines[0][6:])["choices"][0]["delta"]["content"]

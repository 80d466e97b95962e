"""A minimal Streamlit client: asks a running app for page runs over its websocket, as a
browser tab does, and times them (load tests, the multi-process serving test)."""

from __future__ import annotations

import time

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

#: ScriptFinishedStatus of a run cut short by st.switch_page / st.rerun: another run follows.
FINISHED_EARLY_FOR_RERUN = 2


class Client:
    """One browser tab speaking Streamlit's websocket protocol."""

    def __init__(self, url: str, query: str = "") -> None:
        self.url = url.replace("http", "ws", 1).rstrip("/") + "/_stcore/stream"
        self.query = query
        self.ws = None
        self.texts: list[str] = []

    async def open(self) -> None:
        """Connect (the Origin header is the app's own, as a browser's would be)."""
        origin = self.url.replace("ws", "http", 1).rsplit("/_stcore", 1)[0]
        self.ws = await websockets.connect(
            self.url, subprotocols=["streamlit"], max_size=None, origin=origin
        )

    async def run_page(self, page: str) -> tuple[float, bool]:
        """Ask for a run of ``page`` (its URL path); return its duration and whether it ran
        without an exception. The markdown texts it drew are kept in ``texts``."""
        message = BackMsg()
        message.rerun_script.query_string = self.query
        message.rerun_script.page_name = page
        start = time.perf_counter()
        await self.ws.send(message.SerializeToString())
        ok = True
        self.texts = []
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(await self.ws.recv())
            kind = forward.WhichOneof("type")
            if kind == "delta":
                element = forward.delta.new_element
                which = element.WhichOneof("type")
                if which == "exception":
                    ok = False
                elif which in ("markdown", "heading"):
                    self.texts.append(getattr(element, which).body)
            if kind == "script_finished" and forward.script_finished != FINISHED_EARLY_FOR_RERUN:
                return time.perf_counter() - start, ok

    async def close(self) -> None:
        """Disconnect."""
        if self.ws is not None:
            await self.ws.close()

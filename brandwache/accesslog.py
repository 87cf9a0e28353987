"""gunicorn's access log without secrets: `--logger-class brandwache.accesslog.AccessLogger`.

Paths, the request line, the referrer and redirect targets are masked as
`brandwache.logs.mask_url` does (status links, receipts, query values);
cookies and credentials are never logged, whatever `--access-logformat` asks for.
"""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger

from brandwache.logs import mask_path, mask_query, mask_url

URL_ATOMS = {
    "f",
    "{referer}i",
    "{location}o",
    "{content-location}o",
    "{refresh}o",
    "{http_referer}e",
    "{raw_uri}e",
    "{request_uri}e",
}
PATH_ATOMS = {"U", "{path_info}e", "{script_name}e"}
QUERY_ATOMS = {"q", "{query_string}e"}
DROPPED_ATOMS = {
    "{cookie}i",
    "{authorization}i",
    "{proxy-authorization}i",
    "{set-cookie}o",
    "{http_cookie}e",
    "{http_authorization}e",
    "{http_proxy_authorization}e",
}


class AccessLogger(Logger):
    def atoms(
        self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any
    ) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["r"] = " ".join(
            [
                environ.get("REQUEST_METHOD", "-"),
                mask_url(environ.get("RAW_URI", "")),
                environ.get("SERVER_PROTOCOL", "-"),
            ]
        )
        for name, value in atoms.items():
            if not isinstance(value, str):
                continue
            if name in URL_ATOMS:
                atoms[name] = mask_url(value)
            elif name in PATH_ATOMS:
                atoms[name] = mask_path(value)
            elif name in QUERY_ATOMS:
                atoms[name] = mask_query(value)
        for name in DROPPED_ATOMS:
            atoms.pop(name, None)
        return atoms

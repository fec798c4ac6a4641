"""The reference HTTP server: the contract's five operations, served for real.

The modules split the work: ``config`` reads which sites and tokens exist,
``access`` decides who may call, ``bodies`` turns request bytes into a JSON
object or a clear 4xx, ``store`` keeps the tracking codes, ``codes`` shapes
the answers, ``errors`` the error bodies, ``requestlog`` tags and logs each
request, ``app`` wires them into a Starlette application and ``runner``
serves it with uvicorn. Nothing here holds a rule of the contract: every
decision about a body is the rule engine's.
"""

"""The in-memory store: per-site tracking codes, opaque ids, safe across threads."""

from __future__ import annotations

import threading

from tracking_codes.server.store import TrackingCodeStore

CODE = {"name": "Project"}


def test_create_gives_an_id_and_get_returns_the_code() -> None:
    store = TrackingCodeStore()
    stored = store.create("a", CODE)
    assert stored == {"id": stored["id"], **CODE}
    assert store.get("a", stored["id"]) == stored


def test_codes_belong_to_one_site() -> None:
    store = TrackingCodeStore()
    stored = store.create("a", CODE)
    assert store.get("b", stored["id"]) is None
    assert store.list("b") == []
    assert not store.delete("b", stored["id"])


def test_list_is_in_order_of_creation() -> None:
    store = TrackingCodeStore()
    ids = [store.create("a", {"name": str(n)})["id"] for n in range(5)]
    assert [code["id"] for code in store.list("a")] == ids


def test_replace_keeps_the_id_and_refuses_an_unknown_one() -> None:
    store = TrackingCodeStore()
    stored = store.create("a", CODE)
    assert store.replace("a", stored["id"], {"name": "New"}) == {
        "id": stored["id"],
        "name": "New",
    }
    assert store.replace("a", "missing", CODE) is None
    assert store.replace("b", stored["id"], CODE) is None


def test_delete_removes_once() -> None:
    store = TrackingCodeStore()
    stored = store.create("a", CODE)
    assert store.delete("a", stored["id"])
    assert not store.delete("a", stored["id"])
    assert store.get("a", stored["id"]) is None


def test_ids_are_non_numeric_strings() -> None:
    store = TrackingCodeStore()
    ids = [store.create("a", CODE)["id"] for _ in range(20)]
    assert all(isinstance(i, str) and i for i in ids)
    assert not all(i.isdigit() for i in ids)


def test_keep_per_site_forgets_the_oldest_beyond_the_bound() -> None:
    store = TrackingCodeStore(keep_per_site=3)
    ids = [store.create("a", CODE)["id"] for _ in range(5)]
    store.create("b", CODE)
    assert [code["id"] for code in store.list("a")] == ids[2:]
    assert len(store.list("b")) == 1


def test_parallel_threads_lose_no_code() -> None:
    store = TrackingCodeStore()

    def fill() -> None:
        for _ in range(500):
            store.create("a", CODE)

    threads = [threading.Thread(target=fill) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ids = [code["id"] for code in store.list("a")]
    assert len(ids) == len(set(ids)) == 4000

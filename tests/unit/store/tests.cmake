# Unit tests for src/store. store_db_test (db_test.c: db.c, sqlite.c, pg.c, migrate.c) runs
# its suite on SQLite (temporary files) and, when PRAXIS_TEST_PG_URL names a database
# (scripts/pg.sh url praxis_unit), on PostgreSQL too. Named store_* so `ctest -R store`
# selects the layer.
praxis_unit_test(store_db_test ${CMAKE_CURRENT_LIST_DIR}/db_test.c px_store px_core)
praxis_unit_test(store_export_test ${CMAKE_CURRENT_LIST_DIR}/export_test.c px_store px_core)
praxis_unit_test(store_search_test ${CMAKE_CURRENT_LIST_DIR}/search_test.c px_store px_core)

# Unit tests for src/domain (one test file per source file).
praxis_unit_test(community_test ${CMAKE_CURRENT_LIST_DIR}/community_test.c px_domain px_store px_core)
praxis_unit_test(account_test ${CMAKE_CURRENT_LIST_DIR}/account_test.c px_domain px_store px_core)
praxis_unit_test(thread_test ${CMAKE_CURRENT_LIST_DIR}/thread_test.c px_domain px_store px_core)
praxis_unit_test(event_test ${CMAKE_CURRENT_LIST_DIR}/event_test.c px_domain px_store px_core)
praxis_unit_test(expertise_test ${CMAKE_CURRENT_LIST_DIR}/expertise_test.c px_domain px_store px_core)
praxis_unit_test(import_test ${CMAKE_CURRENT_LIST_DIR}/import_test.c px_domain px_store px_core)
praxis_unit_test(article_test ${CMAKE_CURRENT_LIST_DIR}/article_test.c px_domain px_store px_core)
praxis_unit_test(job_test ${CMAKE_CURRENT_LIST_DIR}/job_test.c px_domain px_store px_core)

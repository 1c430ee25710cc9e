# Unit tests for src/web: pieces that draw HTML from plain data without a server (the page
# handlers themselves are exercised over HTTP in tests/http/).
praxis_unit_test(web_chart_test ${CMAKE_CURRENT_LIST_DIR}/chart_test.c px_web px_core m)

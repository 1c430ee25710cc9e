# Unit tests for src/http (one test file per source file; server_test drives the whole
# request flow in-process over loopback sockets).
praxis_unit_test(route_test ${CMAKE_CURRENT_LIST_DIR}/route_test.c px_http)
praxis_unit_test(form_test ${CMAKE_CURRENT_LIST_DIR}/form_test.c px_http)
praxis_unit_test(resp_test ${CMAKE_CURRENT_LIST_DIR}/resp_test.c px_http)
praxis_unit_test(server_test ${CMAKE_CURRENT_LIST_DIR}/server_test.c px_http)
praxis_unit_test(input_test ${CMAKE_CURRENT_LIST_DIR}/input_test.c px_http)
praxis_unit_test(multipart_test ${CMAKE_CURRENT_LIST_DIR}/multipart_test.c px_http)

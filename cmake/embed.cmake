# embed_files(OUT SYMBOL FILES): generate a C file holding each file's bytes and a table
#   const struct embedded_file SYMBOL[] = {{"name", data, size}, ..., {0}};
# "name" is the file's base name, or "sqlite/0001_x.sql" style for migrations (parent dir + name).
function(embed_files out symbol files)
  # Pass the list as one argument: escape its separators so the shell does not split it.
  string(REPLACE ";" "$<SEMICOLON>" files_arg "${files}")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DSYMBOL=${symbol} "-DFILES=${files_arg}"
            -P ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    DEPENDS ${files} ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    COMMENT "Embedding ${symbol}"
    VERBATIM)
endfunction()

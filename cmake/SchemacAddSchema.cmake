# schemac_add_schema(): compile schema files to SQL as part of a CMake build.
# Installed with schemac's CMake package and included by schemacConfig.cmake,
# which defines the imported executable schemac::schemac this function runs.
# docs/build.md is the guide.
#
#   schemac_add_schema(<target>
#                      SOURCES <file-or-dir>...
#                      [OUTPUT <file.sql>]
#                      [WERROR])
#
# Adds a custom target <target>, built by default (ALL), that runs
#
#   schemac compile <sources>... -o <output> [-Werror]
#
# ``SOURCES``
#   Schema files or directories, as ``schemac compile`` takes them (a
#   directory stands for the .schema files directly in it). Relative paths
#   are relative to CMAKE_CURRENT_SOURCE_DIR. Required.
#
# ``OUTPUT``
#   The SQL file to write. Relative paths are relative to
#   CMAKE_CURRENT_BINARY_DIR; the default is
#   ``${CMAKE_CURRENT_BINARY_DIR}/<target>.sql``. The target's SCHEMAC_OUTPUT
#   property holds the absolute path.
#
# ``WERROR``
#   Pass -Werror: a warning fails the build.
#
# The command re-runs when a source changes, when a .schema file is added to
# or removed from a directory source (the directory is globbed with
# CONFIGURE_DEPENDS), when the options change, and when the schemac binary
# changes. A failed compile fails the build with schemac's diagnostics
# (file:line:col: error: ...) and leaves no output file, so the next build
# tries again.

function(schemac_add_schema target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "WERROR" "OUTPUT" "SOURCES")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR
      "schemac_add_schema(${target}): unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_SOURCES)
    message(FATAL_ERROR "schemac_add_schema(${target}): SOURCES is required")
  endif()
  if(NOT TARGET schemac::schemac)
    message(FATAL_ERROR
      "schemac_add_schema(${target}): no schemac::schemac target; "
      "call find_package(schemac) in this directory or a parent")
  endif()

  if(arg_OUTPUT)
    get_filename_component(output "${arg_OUTPUT}" ABSOLUTE
                           BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
  else()
    set(output "${CMAKE_CURRENT_BINARY_DIR}/${target}.sql")
  endif()

  set(sources "")
  set(depends "")
  foreach(source IN LISTS arg_SOURCES)
    get_filename_component(source "${source}" ABSOLUTE
                           BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    list(APPEND sources "${source}")
    if(IS_DIRECTORY "${source}")
      file(GLOB schemas CONFIGURE_DEPENDS "${source}/*.schema")
      list(APPEND depends ${schemas})
    else()
      list(APPEND depends "${source}")
    endif()
  endforeach()

  set(flags "")
  if(arg_WERROR)
    list(APPEND flags -Werror)
  endif()

  # The inputs and options, rewritten only when they change: a newer stamp
  # re-runs the command when a glob loses a file or WERROR is toggled, which
  # the files' times alone would not (and Make does not compare commands).
  set(stamp "${CMAKE_CURRENT_BINARY_DIR}/CMakeFiles/${target}.schemac-inputs")
  string(REPLACE ";" "\n" stamp_text "${output};${flags};${sources};${depends}")
  set(old_stamp_text "")
  if(EXISTS "${stamp}")
    file(READ "${stamp}" old_stamp_text)
  endif()
  if(NOT old_stamp_text STREQUAL stamp_text)
    file(WRITE "${stamp}" "${stamp_text}")
  endif()

  get_filename_component(output_dir "${output}" DIRECTORY)
  file(MAKE_DIRECTORY "${output_dir}")

  # schemac leaves an existing output alone when the compile fails; it is
  # removed first so that a failure never leaves an old file that looks up
  # to date.
  add_custom_command(
    OUTPUT "${output}"
    COMMAND "${CMAKE_COMMAND}" -E rm -f "${output}"
    COMMAND schemac::schemac compile ${flags} ${sources} -o "${output}"
    DEPENDS ${depends} "${stamp}" "$<TARGET_FILE:schemac::schemac>"
    COMMENT "Compiling schema ${target}"
    VERBATIM)
  add_custom_target(${target} ALL DEPENDS "${output}")
  set_target_properties(${target} PROPERTIES SCHEMAC_OUTPUT "${output}")
endfunction()

# Compiler warnings for our own code, one place for every build.
#
# PD_WARNINGS_AS_ERRORS turns them into errors. CI's builds have it ON
# (scripts/test exports PD_WARNINGS_AS_ERRORS=ON for scripts/build, the asan
# preset and scripts/fuzz); it is OFF by default, so that a newer compiler's new
# warning on someone's machine does not stop `scripts/run`. The compilers CI
# uses are pinned by Debian 12 (g++ 12, clang 14, Emscripten 3.1.6), so a build
# that passes there keeps passing.
option(PD_WARNINGS_AS_ERRORS "Treat compiler warnings as errors (CI: scripts/test turns it on)" OFF)

set(pd_warning_flags -Wall -Wextra -Wpedantic)
if(PD_WARNINGS_AS_ERRORS)
  list(APPEND pd_warning_flags -Werror)
endif()

# For every target defined after this, in every folder.
add_compile_options(${pd_warning_flags})

# Third-party sources compiled here (Dear ImGui in the Wasm build) are not ours
# to make warning-free: no warnings for `target` at all (-w after the flags
# above wins), so -Werror cannot fail on them.
function(pd_no_warnings target)
  target_compile_options(${target} PRIVATE -w)
endfunction()

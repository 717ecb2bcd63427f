# Assembles the site profiledesk serves (cmake -P, from the wasm build's `dist`
# target): the app under content-hashed names, so browsers may cache it for a
# year and never download it twice; loader.js pointing at those names, with the
# app's size for the progress bar; shell/ and web/; and a gzip and a brotli
# copy of everything compressible, so the server sends the smallest encoding
# a browser accepts without compressing per request.
#
# Inputs: APP_DIR (app.js, app.wasm), SHELL_DIR (index.html, loader.js, form_mirror.js), WEB_DIR, OUT_DIR.
cmake_minimum_required(VERSION 3.25)

file(MAKE_DIRECTORY ${OUT_DIR})
# Earlier builds' hashed files go: the whitelist is whatever is in OUT_DIR.
file(GLOB stale ${OUT_DIR}/app.js ${OUT_DIR}/app.wasm ${OUT_DIR}/app.*.js ${OUT_DIR}/app.*.wasm
     ${OUT_DIR}/app.*.js.* ${OUT_DIR}/app.*.wasm.*)
if(stale)
  file(REMOVE ${stale})
endif()

set(names)
foreach(ext js wasm)
  file(SHA256 ${APP_DIR}/app.${ext} digest)
  string(SUBSTRING ${digest} 0 12 short)
  set(hashed_${ext} app.${short}.${ext})
  configure_file(${APP_DIR}/app.${ext} ${OUT_DIR}/${hashed_${ext}} COPYONLY)
  list(APPEND names ${hashed_${ext}})
endforeach()
file(SIZE ${APP_DIR}/app.wasm wasm_size)

file(READ ${SHELL_DIR}/loader.js loader)
string(REPLACE "'/app.wasm'" "'/${hashed_wasm}'" loader "${loader}")
string(REPLACE "'/app.js'" "'/${hashed_js}'" loader "${loader}")
string(REPLACE "APP_WASM_BYTES = 0" "APP_WASM_BYTES = ${wasm_size}" loader "${loader}")
file(WRITE ${OUT_DIR}/loader.js "${loader}")
configure_file(${SHELL_DIR}/index.html ${OUT_DIR}/index.html COPYONLY)
configure_file(${SHELL_DIR}/form_mirror.js ${OUT_DIR}/form_mirror.js COPYONLY)
file(COPY ${WEB_DIR}/ DESTINATION ${OUT_DIR}/web)
list(APPEND names loader.js form_mirror.js index.html)

# Precompress (gzip -9 without a timestamp, brotli at its best quality).
file(GLOB_RECURSE web_files RELATIVE ${OUT_DIR} ${OUT_DIR}/web/*.css ${OUT_DIR}/web/*.svg ${OUT_DIR}/web/*.ttf ${OUT_DIR}/web/*.txt
     ${OUT_DIR}/web/*.json)
foreach(name ${names} ${web_files})
  set(path ${OUT_DIR}/${name})
  execute_process(COMMAND gzip -9 -n -c ${path} OUTPUT_FILE ${path}.gz RESULT_VARIABLE gz_failed)
  execute_process(COMMAND brotli -q 11 -f -o ${path}.br ${path} RESULT_VARIABLE br_failed)
  if(gz_failed OR br_failed)
    message(FATAL_ERROR "compressing ${name} failed: install gzip and brotli (scripts/setup does)")
  endif()
endforeach()
message(STATUS "site: ${hashed_wasm} (${wasm_size} bytes), ${hashed_js}")

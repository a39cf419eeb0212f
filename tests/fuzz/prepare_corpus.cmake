# cmake -DCORPUS=<dir> -DSOURCES="<dir>;<dir>..." -P prepare_corpus.cmake
# A fresh copy of the seed corpus for each fuzzing run: libFuzzer adds what it finds to the
# directory it is given, and the sources must stay untouched.
file(REMOVE_RECURSE ${CORPUS})
file(MAKE_DIRECTORY ${CORPUS})
foreach(dir IN LISTS SOURCES)
  file(GLOB seeds ${dir}/*.json)
  list(FILTER seeds EXCLUDE REGEX "/schema\\.json$")
  file(COPY ${seeds} DESTINATION ${CORPUS})
endforeach()

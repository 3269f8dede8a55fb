# hadath: the top-level driver. CMake does the building; this file names the
# jobs a person runs. See README.md.
#
#   make            build into build/ (binary: build/hadath)
#   make demo       install missing packages, build, code the seed article
#   make check      gcc -Werror build + clang ASan/UBSan build, all tests in both
#   make bench      throughput against Snowball's Arabic stemmer
#   make eval       every accuracy figure the README quotes, with its command
#   make install PREFIX=/usr/local DESTDIR=
#   make clean

PREFIX  ?= /usr/local
DESTDIR ?=
JOBS    ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE   ?= cmake
SEED    := examples/raqqa.txt
SEED_DATE := 2017-10-15
# The shared material (gold sets, corpus) the tests and the bench read.
SHARED  ?= $(abspath ../shared)

.PHONY: eval all build demo check check-gcc check-asan bench install clean deps deps-test deps-bench shared

all: build

deps:
	@sh scripts/deps.sh build
deps-test:
	@sh scripts/deps.sh test
deps-bench:
	@sh scripts/deps.sh bench

# The tests read gold sets and the corpus from the shared material; say so
# plainly instead of failing test by test.
shared:
	@test -d "$(SHARED)/eval" || { echo "make: the tests need the shared material (gold sets, corpus) at $(SHARED); clone beside it or pass SHARED=DIR" >&2; exit 2; }

build: deps
	@$(CMAKE) -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_INSTALL_PREFIX=$(PREFIX) -DHD_TESTS=OFF >/dev/null
	@$(CMAKE) --build build -j $(JOBS)

demo: build
	@sh scripts/demo.sh build/hadath $(SEED) $(SEED_DATE)

# Two builds, the whole suite under each: gcc with warnings as errors, and
# clang with AddressSanitizer + UndefinedBehaviorSanitizer (also -Werror, so
# both compilers stay warning-free).
check: deps-test shared check-gcc check-asan
	@echo "make check: all tests passed in both builds (gcc -Werror, clang ASan+UBSan)"

check-gcc: deps-test shared
	@$(CMAKE) -S . -B build-check -DCMAKE_C_COMPILER=gcc -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DHD_WERROR=ON -DHD_TESTS=ON -DHD_SHARED_DIR=$(SHARED) >/dev/null
	@$(CMAKE) --build build-check -j $(JOBS)
	@cd build-check && ctest --output-on-failure -j $(JOBS)

check-asan: deps-test shared
	@$(CMAKE) -S . -B build-asan -DHD_SHARED_DIR=$(SHARED) -DCMAKE_C_COMPILER=$(shell command -v clang >/dev/null 2>&1 && echo clang || echo gcc) \
	  -DCMAKE_BUILD_TYPE=Debug -DHD_WERROR=ON -DHD_TESTS=ON \
	  "-DCMAKE_C_FLAGS=-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	  "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined" \
	  "-DCMAKE_SHARED_LINKER_FLAGS=-fsanitize=address,undefined" >/dev/null
	@$(CMAKE) --build build-asan -j $(JOBS)
	@cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS)

bench: deps-bench
	@$(CMAKE) -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DHD_TESTS=OFF -DHD_BENCH=ON \
	  "-DCMAKE_C_FLAGS=-O2 -march=x86-64-v2" >/dev/null
	@$(CMAKE) --build build-bench -j $(JOBS)
	@sh bench/run.sh build-bench

install: build
	@DESTDIR=$(DESTDIR) $(CMAKE) --install build --prefix $(PREFIX)

clean:
	rm -rf build build-check build-asan build-bench

# ---- fuzzing and valgrind (issue 6) -------------------------------------
#   make fuzz [FUZZ_SECONDS=60]   build the libFuzzer targets (clang, ASan +
#                                 UBSan) into build-fuzz and run each for
#                                 FUZZ_SECONDS; fails on any crash
#   make check-valgrind           the whole suite under valgrind memcheck, in
#                                 a non-sanitized debug build (build-valgrind);
#                                 VALGRIND_CTEST='-R NAME' runs only some tests
.PHONY: fuzz check-valgrind
FUZZ_SECONDS ?= 60
# An error exits 99, not 1: 1 is what hadath itself answers for bad
# records, and a valgrind error there must not pass for the expected code.
# Children are traced (the shell tests reach hadath through sh), except the
# system tools the tests call: they are not ours, and some (chown in
# scripts/pg-test-server.sh) exit with a block still allocated, which under
# --error-exitcode stops the script as if hadath had leaked.
VALGRIND_SKIP := */psql,*/perl,*/pg_*,*/initdb,*/postgres,*/su,*/runuser,*/setpriv,*/sleep,*/kill,*/nproc,*/grep,*/sed,*/cmp,*/wc,*/head,*/tail,*/tr,*/cat,*/rm,*/mkdir,*/mktemp,*/chmod,*/diff,*/sort,*/cut,*/gzip,*/zcat,*/od,*/awk,*/mawk,*/md5sum,*/dd,*/cp,*/ls,*/find,*/uniq,*/id,*/timeout,*/env,*/basename,*/dirname,*/seq,*/split,*/truncate,*/iconv,*/chown,*/useradd,*/ss,*/date,*/createdb,*/paste
VALGRIND_OPTS ?= --error-exitcode=99 --leak-check=full \
  --suppressions=$(CURDIR)/tests/valgrind.supp \
  --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
  --trace-children=yes --num-callers=30 --trace-children-skip=$(VALGRIND_SKIP)
# One log per process (%p). ctest's one log per test is not enough: every
# process a shell test starts reopens it, so a later one could write over
# an earlier one's errors. (ctest then says it cannot find its own log
# files; the verdict is the grep over ours.)
# But valgrind opens its log with O_TRUNC, and pids wrap (pid_max is 32768
# on Debian; a full run starts some 2,000 traced processes on a machine
# that starts many more), so a later process given a reused pid would
# truncate an earlier one's log, errors and all. While ctest runs, a
# sweeper renames each PID.log to PID-N.log every 2 s: a process keeps
# writing to its renamed file (the fd follows the inode), and a reused pid
# then starts a fresh PID.log. A pid comes round again only after a full
# wrap, minutes, not 2 s. The sweeper is stopped before the verdict reads
# the logs (quietly: dash would print "Terminated"), and stops by itself
# if the recipe's shell goes (Ctrl-C).
# The verdict (scripts/valgrind-verdict.sh) exits 1 on any error or leak,
# including errors of processes the tests SIGKILL, which print no summary.
VALGRIND_LOGS := $(CURDIR)/build-valgrind/valgrind-logs
# memcheck runs everything 20 to 50 times slower: the per-test timeout.
VALGRIND_TIMEOUT ?= 7200
# Extra ctest arguments, e.g. VALGRIND_CTEST='-R cli_store_sigkill'.
VALGRIND_CTEST ?=

fuzz: deps-test
	@$(CMAKE) -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug \
	  -DHD_TESTS=OFF -DHD_FUZZ=ON -DHD_WERROR=ON \
	  "-DCMAKE_C_FLAGS=-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	  "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined" \
	  "-DCMAKE_SHARED_LINKER_FLAGS=-fsanitize=address,undefined" >/dev/null
	@$(CMAKE) --build build-fuzz -j $(JOBS) --target hadath-fuzz
	@sh fuzz/run.sh build-fuzz $(FUZZ_SECONDS)

check-valgrind: deps-test shared
	@command -v valgrind >/dev/null || { echo "make check-valgrind: needs valgrind (apt-get install valgrind)" >&2; exit 2; }
	@$(CMAKE) -S . -B build-valgrind -DCMAKE_C_COMPILER=gcc -DCMAKE_BUILD_TYPE=Debug \
	  -DHD_WERROR=ON -DHD_TESTS=ON -DHD_SHARED_DIR=$(SHARED) \
	  -DHD_TEST_TIMEOUT=$(VALGRIND_TIMEOUT) >/dev/null
	@$(CMAKE) --build build-valgrind -j $(JOBS)
	@rm -rf build-valgrind/Testing/Temporary $(VALGRIND_LOGS) && mkdir -p $(VALGRIND_LOGS)
	@shell=$$$$; \
	  ( i=0; while kill -0 $$shell 2>/dev/null; do \
	      for f in $(VALGRIND_LOGS)/*.log; do \
	        case $${f##*/} in *-*|'*.log') continue ;; esac; \
	        i=$$((i + 1)); mv -f "$$f" "$${f%.log}-$$i.log"; \
	      done; sleep 2; \
	    done ) & sweeper=$$!; \
	  cd build-valgrind && ctest -T memcheck --output-on-failure -j $(JOBS) $(VALGRIND_CTEST) \
	  --overwrite MemoryCheckCommand=$$(command -v valgrind) \
	  --overwrite "MemoryCheckCommandOptions=$(VALGRIND_OPTS) --log-file=$(VALGRIND_LOGS)/%p.log"; \
	  rc=$$?; kill $$sweeper; wait $$sweeper 2>/dev/null; \
	  cd .. && sh scripts/valgrind-verdict.sh $(VALGRIND_LOGS) $$rc

# Every accuracy figure the README quotes, with the command behind each.
eval: build shared
	@sh scripts/eval.sh build/hadath $(SHARED)

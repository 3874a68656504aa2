#!/usr/bin/zsh -f
# Usage: zcomplete.zsh FPATH_DIR WORDS...
# Types WORDS and a TAB into an interactive zsh on a pseudo-terminal, with the
# completion functions of FPATH_DIR, and prints every candidate zsh offers.
# Each candidate is caught by wrapping compadd; the shell exits once completion
# is done.
zmodload zsh/zpty || exit 2
dir=$1; shift
out=$(mktemp)
zpty z zsh -f -i
zpty -w z "PS1=''; fpath=($dir \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w z "compadd() { local -a _h; builtin compadd -A _h \"\$@\"; (( \$#_h )) && print -rl -- \$_h >> $out; builtin compadd \"\$@\" }"
zpty -w z "comppostfuncs=(exit)"
zpty -w -n z "$*"$'\t'
while zpty -r z _line; do :; done
zpty -d z
sort -u $out
rm -f $out

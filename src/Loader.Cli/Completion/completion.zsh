#compdef loader
# zsh completion for loader. Install it with: loader completion zsh > "${fpath[1]}/_loader" (then open a new shell),
# or load it in the current shell, after compinit, with: source <(loader completion zsh)
_loader() {
    # The loader being completed answers: its commands and options, and the workflows and parameters it reads.
    local -a completions
    completions=("${(@f)$("${words[1]}" complete --position $((CURRENT - 1)) -- "${words[@]}" 2>/dev/null)}")
    completions=(${completions:#})
    if (( ${#completions} )); then
        compadd -- "${completions[@]}"
    else
        _files
    fi
}
if [[ "${funcstack[1]}" == _loader ]]; then
    _loader "$@"
else
    compdef _loader loader
fi

# bash completion for loader. Load it in the current shell with: source <(loader completion bash)
# or for every shell: loader completion bash > ~/.local/share/bash-completion/completions/loader
_loader() {
    # The loader being completed answers: its commands and options, and the workflows and parameters it reads.
    mapfile -t COMPREPLY < <("${COMP_WORDS[0]}" complete --position "$COMP_CWORD" -- "${COMP_WORDS[@]}" 2>/dev/null)
}
complete -o default -F _loader loader

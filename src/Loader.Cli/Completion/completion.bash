# bash completion for loader. Load it in the current shell with: source <(loader completion bash)
# or for every shell: loader completion bash > ~/.local/share/bash-completion/completions/loader
_loader() {
    # The loader being completed answers: its commands and options, and the workflows and parameters it reads.
    local words=("${COMP_WORDS[@]}") cword=${COMP_CWORD:--1}
    # Called by 'compgen -F _loader -- WORD', bash gives no position: the last of COMP_WORDS (else WORD) is completed.
    (( ${#words[@]} > 0 )) || words=(loader "$2")
    (( cword >= 0 )) || cword=$(( ${#words[@]} - 1 ))
    mapfile -t COMPREPLY < <("${words[0]}" complete --position "$cword" -- "${words[@]}" 2>/dev/null)
}
complete -o default -F _loader loader

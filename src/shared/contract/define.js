export function method(input, output) {
    return { input, output };
}

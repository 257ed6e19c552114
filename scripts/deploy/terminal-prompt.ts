// The question deploy and apply ask before each stack, on the terminal: read from stdin, asked on
// stderr (stdout may be piped to a file or another program).
import * as readline from 'readline';
import { Prompt } from './approval';

/** A prompt on this process's terminal, or undefined when stdin is not one (CI, a pipe). */
export function terminalPrompt(
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WritableStream = process.stderr,
): Prompt | undefined {
  if (!input.isTTY) return undefined;
  return (question) =>
    new Promise((resolve) => {
      const rl = readline.createInterface({ input, output, terminal: true });
      // Ctrl-D or Ctrl-C closes the line without an answer: that is a "no".
      let answered = false;
      rl.on('SIGINT', () => rl.close());
      rl.on('close', () => {
        if (!answered) resolve('');
      });
      rl.question(question, (answer) => {
        answered = true;
        rl.close();
        resolve(answer);
      });
    });
}

import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { TextField } from '../../src/app/shared/TextField.tsx';

afterEach(cleanup);

const HINT = 'For example: Church hall, table 2.';

/** A one-field form: the problem stands until the person types something. */
function NameForm({ problem }: { problem: string }) {
  const [value, setValue] = useState('');
  return (
    <TextField
      id="station-name"
      label="Station name"
      hint={HINT}
      value={value}
      onValueChange={setValue}
      error={value === '' ? problem : undefined}
      autoComplete="off"
    />
  );
}

describe('a text field with a hint and a problem', () => {
  it('marks the field invalid and adds the problem to the hint in its description', () => {
    render(<NameForm problem="Give this station a name." />);
    const input = screen.getByRole('textbox', { name: 'Station name' });
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(`${HINT} Give this station a name.`);
    expect(screen.getByRole('alert')).toHaveTextContent('Give this station a name.');
  });

  it('drops the problem from the description once it is put right, and keeps what was typed', async () => {
    const user = userEvent.setup();
    render(<NameForm problem="Give this station a name." />);
    const input = screen.getByRole('textbox', { name: 'Station name' });
    await user.type(input, 'Library');
    expect(input).toHaveValue('Library');
    expect(input).not.toHaveAttribute('aria-invalid');
    expect(input).toHaveAccessibleDescription(HINT);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('passes the input’s own settings through but keeps the label and description wiring', () => {
    render(
      <TextField
        id="pin"
        label="Volunteer PIN"
        hint="4 to 8 digits."
        value=""
        onValueChange={() => undefined}
        error={undefined}
        type="password"
        inputMode="numeric"
      />,
    );
    const input = screen.getByLabelText('Volunteer PIN');
    expect(input).toHaveAttribute('type', 'password');
    expect(input).toHaveAttribute('inputmode', 'numeric');
    expect(input).toHaveAccessibleDescription('4 to 8 digits.');
  });
});

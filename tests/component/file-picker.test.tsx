import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FilePicker } from '../../src/app/shared/FilePicker.tsx';

afterEach(cleanup);

describe('FilePicker', () => {
  it('is the labelled file input, with our own words beside it instead of the browser’s', async () => {
    const chosen = vi.fn<(name: string | undefined) => void>();
    render(
      <>
        <label htmlFor="f">Event file</label>
        <FilePicker
          id="f"
          chooseLabel="اختر ملفًا"
          noneLabel="لم يُختر أي ملف"
          onChange={(e) => {
            chosen(e.currentTarget.files?.[0]?.name);
          }}
        />
      </>,
    );
    const input = screen.getByLabelText('Event file');
    expect(input).toHaveAttribute('type', 'file');
    expect(screen.getByText('اختر ملفًا')).toBeInTheDocument();
    expect(screen.getByText('لم يُختر أي ملف')).toBeInTheDocument();

    await userEvent.upload(input, new File(['{}'], 'riverside.event.json'));
    expect(chosen).toHaveBeenCalledWith('riverside.event.json');
    expect(screen.getByText('riverside.event.json')).toBeInTheDocument();
    expect(screen.queryByText('لم يُختر أي ملف')).not.toBeInTheDocument();
  });
});

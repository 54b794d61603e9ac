import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Linkified, splitLinks } from './Linkified';

describe('Linkified', () => {
  it('turns http and https URLs into safe links, leaving trailing punctuation out', () => {
    const { container } = render(<Linkified text="See https://example.com/a?b=1. Or http://x.org!" />);
    const links = container.querySelectorAll('a');
    expect(links).toHaveLength(2);
    expect(links[0].getAttribute('href')).toBe('https://example.com/a?b=1');
    expect(links[0].getAttribute('target')).toBe('_blank');
    expect(links[0].getAttribute('rel')).toBe('noopener noreferrer');
    expect(container.textContent).toBe('See https://example.com/a?b=1. Or http://x.org!');
  });

  it('never links other schemes', () => {
    const parts = splitLinks('javascript:alert(1) data:text/html,<b>x</b> ftp://x');
    expect(parts.every((p) => !p.href)).toBe(true);
  });

  it('renders markup as text', () => {
    const { container } = render(<Linkified text={'<img src=x onerror=alert(1)><script>alert(1)</script>'} />);
    expect(container.querySelector('img, script')).toBeNull();
    expect(container.textContent).toBe('<img src=x onerror=alert(1)><script>alert(1)</script>');
  });
});

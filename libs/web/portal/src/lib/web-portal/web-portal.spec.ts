import { ComponentFixture, TestBed } from '@angular/core/testing';
import { WebPortal } from './web-portal';

describe('WebPortal', () => {
  let component: WebPortal;
  let fixture: ComponentFixture<WebPortal>;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [WebPortal]
    }).compileComponents();

    fixture = TestBed.createComponent(WebPortal);
    component = fixture.componentInstance;
    await fixture.whenStable();
  });

  it('should create', () => {
    expect(component).toBeTruthy();
  });
});
